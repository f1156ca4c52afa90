"use client";

import { useEffect } from "react";
import { markGave } from "@/app/_components/support/ask-state";

/** Remembers in this browser that the reader gave, so the asks stand down for `days`. */
export function GaveCookie({ days }: { days: number }) {
  useEffect(() => markGave(days), [days]);
  return null;
}
