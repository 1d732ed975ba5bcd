// Shapes of the catalog endpoints, shared by the server functions and the client hooks: the database rows
// themselves (type-only import, so nothing of Prisma reaches the browser), with aliases decoded.
import type { Hardware, Model } from "@/lib/generated/prisma/client";

export type CatalogModel = Model;

export type CatalogHardware = Omit<Hardware, "aliases"> & { aliases: string[] };
