import type { ReactNode } from "react";

/** Small drawn marks, not the brands' artwork files: nothing is fetched from anyone else. */
function Mark({ label, children, fill = "#ffffff" }: { label: string; children: ReactNode; fill?: string }) {
  return (
    <svg role="img" aria-label={label} viewBox="0 0 38 24" width="38" height="24" focusable="false">
      <rect x="0.5" y="0.5" width="37" height="23" rx="3.5" fill={fill} stroke="#c9c5bc" />
      {children}
    </svg>
  );
}

const font = "Arial, Helvetica, sans-serif";

const MARKS: { label: string; mark: ReactNode }[] = [
  {
    label: "Visa",
    mark: (
      <Mark label="Visa">
        <text x="19" y="16" textAnchor="middle" fontFamily={font} fontSize="10" fontStyle="italic" fontWeight="700" fill="#1a1f71">
          VISA
        </text>
      </Mark>
    ),
  },
  {
    label: "Mastercard",
    mark: (
      <Mark label="Mastercard">
        <circle cx="15" cy="12" r="7" fill="#eb001b" />
        <circle cx="23" cy="12" r="7" fill="#f79e1b" />
        <path d="M19 6.3a7 7 0 0 1 0 11.4a7 7 0 0 1 0-11.4z" fill="#ff5f00" />
      </Mark>
    ),
  },
  {
    label: "American Express",
    mark: (
      <Mark label="American Express" fill="#1f72cd">
        <text x="19" y="15.5" textAnchor="middle" fontFamily={font} fontSize="8.5" fontWeight="700" fill="#ffffff">
          AMEX
        </text>
      </Mark>
    ),
  },
  {
    label: "Apple Pay",
    mark: (
      <Mark label="Apple Pay">
        <path d="M10.6 9.2c.9 0 1.5.5 2 .5s1.3-.6 2.2-.5c.4 0 1.5.2 2.1 1.2-1.9 1.1-1.5 3.7.3 4.4-.4 1.1-1.2 2.5-2.2 2.5-.8 0-1-.5-2-.5s-1.2.5-2 .5c-1.1 0-2.6-2.3-2.6-4.5 0-2.3 1.3-3.6 2.2-3.6zM14.2 6.2c.1.9-.7 2-1.7 2-.1-.9.7-1.9 1.7-2z" fill="#000000" />
        <text x="18.5" y="16" fontFamily={font} fontSize="8" fontWeight="700" fill="#000000">
          Pay
        </text>
      </Mark>
    ),
  },
  {
    label: "Google Pay",
    mark: (
      <Mark label="Google Pay">
        <text x="6" y="16" fontFamily={font} fontSize="9" fontWeight="700">
          <tspan fill="#4285f4">G</tspan>
          <tspan fill="#5f6368" dx="1.5">
            Pay
          </tspan>
        </text>
      </Mark>
    ),
  },
  {
    label: "SEPA Direct Debit",
    mark: (
      <Mark label="SEPA Direct Debit">
        <text x="19" y="15.5" textAnchor="middle" fontFamily={font} fontSize="8.5" fontWeight="700" fontStyle="italic" fill="#10298e">
          SEPA
        </text>
        <circle cx="33" cy="6" r="1.3" fill="#ffbe00" />
      </Mark>
    ),
  },
];

export function PaymentMethods({ className }: { className?: string }) {
  return (
    <ul className={className} aria-label="Accepted payment methods">
      {MARKS.map(({ label, mark }) => (
        <li key={label}>{mark}</li>
      ))}
    </ul>
  );
}
