import type { TestProject } from "vitest/node";
import { startWebServer } from "./web-server";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}

/** One production server for a whole test project. */
export default async function setup(project: TestProject) {
  const server = await startWebServer();
  project.provide("webUrl", server.url);
  return () => server.stop();
}
