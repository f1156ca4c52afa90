import styles from "../admin.module.css";

/** What could not be read in the filters, said plainly, in place of figures that would be for another period. */
export function FilterProblems({ problems }: { problems: string[] }) {
  return (
    <div role="alert" className={styles.problems}>
      <p>
        <strong>Nothing is shown for these filters:</strong>
      </p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
