-- CreateTable
CREATE TABLE "Attempt" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attempt_key_at_idx" ON "Attempt"("key", "at");

-- CreateIndex
CREATE INDEX "Attempt_at_idx" ON "Attempt"("at");

