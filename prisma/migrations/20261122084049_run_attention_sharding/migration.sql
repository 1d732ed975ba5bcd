-- AlterTable
ALTER TABLE "Run" ADD COLUMN "attention" TEXT;
ALTER TABLE "Run" ADD COLUMN "sharding" TEXT;
