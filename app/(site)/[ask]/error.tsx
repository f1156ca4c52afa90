"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container">
      <h1 className="page-title">Something went wrong on our side</h1>
      <p className="page-lede">This page could not be shown just now. Please try again in a moment.</p>
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
