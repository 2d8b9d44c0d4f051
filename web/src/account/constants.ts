/** What a guest types to confirm deleting their account (shared by the form and its validator). */
export const DELETE_CONFIRMATION = 'DELETE';
