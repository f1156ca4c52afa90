import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

export const getRevalidateSecret = (): string => env.REVALIDATE_SECRET ?? localSecret("revalidate-secret");
