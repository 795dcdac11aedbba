-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "questionIds" TEXT,
ADD COLUMN     "seed" TEXT;

-- CreateTable
CREATE TABLE "QuizDraw" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "attemptKey" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "questionIds" TEXT NOT NULL,
    "openQuizId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizDraw_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizDraw_userId_attemptKey_key" ON "QuizDraw"("userId", "attemptKey");

-- CreateIndex
CREATE UNIQUE INDEX "QuizDraw_userId_openQuizId_key" ON "QuizDraw"("userId", "openQuizId");

-- AddForeignKey
ALTER TABLE "QuizDraw" ADD CONSTRAINT "QuizDraw_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

