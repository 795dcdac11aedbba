-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN "questionIds" TEXT;
ALTER TABLE "QuizAttempt" ADD COLUMN "seed" TEXT;

-- CreateTable
CREATE TABLE "QuizDraw" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "attemptKey" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "questionIds" TEXT NOT NULL,
    "openQuizId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizDraw_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizDraw_userId_attemptKey_key" ON "QuizDraw"("userId", "attemptKey");

-- CreateIndex
CREATE UNIQUE INDEX "QuizDraw_userId_openQuizId_key" ON "QuizDraw"("userId", "openQuizId");

