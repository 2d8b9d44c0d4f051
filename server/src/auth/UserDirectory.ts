/** What the game server may know of an account. */
export interface UserSummary {
  id: string;
  displayName: string;
}

/** Looks accounts up, so a token of a deleted account is refused and a town shows its owner's current name. */
export interface UserDirectory {
  find(userId: string): Promise<UserSummary | null>;
}

/** For tests and tools: accounts held in memory. */
export class MemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, UserSummary>();
  add(id: string, displayName: string): this {
    this.users.set(id, { id, displayName });
    return this;
  }
  delete(id: string): void {
    this.users.delete(id);
  }
  async find(userId: string): Promise<UserSummary | null> {
    const user = this.users.get(userId);
    return user ? { ...user } : null;
  }
}
