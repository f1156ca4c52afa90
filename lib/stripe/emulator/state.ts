import type { EmitContext } from "./events";
import type { FormObject } from "./form-encoding";
import type { Store } from "./store";

export type EmulatorState = {
  store: Store;
  /** Base URL of the emulator as a browser sees it (hosted pages, session urls). */
  publicUrl: string;
};

export type ApiRequest = {
  pathParams: Record<string, string>;
  params: FormObject;
  ctx: EmitContext;
};

export type ApiHandler = (state: EmulatorState, request: ApiRequest) => unknown;

export type Route = { method: "GET" | "POST" | "DELETE"; pattern: string; handler: ApiHandler };
