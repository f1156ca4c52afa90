"use client";

import { useEffect, useState } from "react";
import { formatMoney, type Currency } from "@/lib/money";
import styles from "./support-banner.module.css";

type Progress = { raised: number; goal: number; currency: Currency; gifts: number };

/** This month's gifts against the monthly cost, loaded after the (static, long-cached) page. */
export function BannerProgress() {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/support/progress", { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<Progress>) : null))
      .then((p) => p && setProgress(p))
      .catch((error: unknown) => {
        // The banner reads the same without figures; an unmount's abort is not worth a word.
        if (!(error instanceof DOMException && error.name === "AbortError")) console.warn("support progress unavailable", error);
      });
    return () => controller.abort();
  }, []);
  // The same box before the figures arrive, so the banner does not move when they do.
  if (!progress) {
    return (
      <div className={styles.progress} aria-hidden="true" style={{ visibility: "hidden" }}>
        <div className={styles.bar} />
        <p className={styles.status}>&nbsp;</p>
      </div>
    );
  }
  const money = (minor: number) => formatMoney(minor, progress.currency, { compact: true });
  const percent = progress.goal > 0 ? Math.min(100, Math.floor((progress.raised * 100) / progress.goal)) : 0;
  const status = `${money(progress.raised)} of ${money(progress.goal)} this month`;
  return (
    <div className={styles.progress}>
      <div className={styles.bar} role="progressbar" aria-label="Gifts this month" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={status}>
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.status}>{status}</p>
    </div>
  );
}
