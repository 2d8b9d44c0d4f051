-- CreateTable
CREATE TABLE "ScheduledEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME,
    "dedupeKey" TEXT
);

-- CreateTable
CREATE TABLE "Battle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'running',
    "seed" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "attackerTownId" TEXT NOT NULL,
    "defenderTownId" TEXT,
    "kind" TEXT NOT NULL,
    "initial" TEXT NOT NULL,
    "orders" TEXT NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "resultsAppliedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledEvent_dedupeKey_key" ON "ScheduledEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "ScheduledEvent_status_dueAt_idx" ON "ScheduledEvent"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Battle_attackerTownId_idx" ON "Battle"("attackerTownId");

-- CreateIndex
CREATE INDEX "Battle_defenderTownId_idx" ON "Battle"("defenderTownId");

-- CreateIndex
CREATE INDEX "Battle_status_idx" ON "Battle"("status");
