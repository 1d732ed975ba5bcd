// Ordinary least squares for a handful of features, by a modified Gram-Schmidt QR that drops a column which is
// (numerically) a linear combination of the columns before it. A dropped column keeps that combination, so a
// query can be checked for estimability: its prediction is determined by the data only if the query's dropped
// values follow the same combination (e.g. a model-size column that is constant in the data).

export type LinearFit = {
  /** Column indices kept, in order. */
  kept: number[];
  /** One coefficient per column; 0 for dropped columns. */
  coefficients: number[];
  /** For each dropped column: x[index] = sum of combination[k] * x[kept[k]] on every training row. */
  dropped: { index: number; combination: number[] }[];
  n: number;
  /** Root mean square of the in-sample residuals. */
  residualRmse: number;
};

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

/** Solves R c = r for the leading m x m block of the upper-triangular R (stored by columns). */
function backSubstitute(rColumns: readonly number[][], r: readonly number[], m: number): number[] {
  const c = new Array<number>(m).fill(0);
  for (let row = m - 1; row >= 0; row--) {
    let value = r[row]!;
    for (let col = row + 1; col < m; col++) value -= rColumns[col]![row]! * c[col]!;
    c[row] = value / rColumns[row]![row]!;
  }
  return c;
}

/** Least-squares fit of y on the columns of X (rows = observations). Put the intercept column first. */
export function fitLeastSquares(rows: readonly (readonly number[])[], y: readonly number[], tolerance = 1e-9): LinearFit {
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  const q: number[][] = [];
  const rColumns: number[][] = [];
  const kept: number[] = [];
  const dropped: LinearFit["dropped"] = [];
  for (let j = 0; j < width; j++) {
    const column = rows.map((row) => row[j]!);
    const v = [...column];
    const r = new Array<number>(q.length).fill(0);
    // Two passes of modified Gram-Schmidt ("twice is enough") keep the basis orthogonal to rounding.
    for (let pass = 0; pass < 2; pass++) {
      q.forEach((basis, k) => {
        const projection = dot(basis, v);
        r[k] = r[k]! + projection;
        for (let i = 0; i < n; i++) v[i] = v[i]! - projection * basis[i]!;
      });
    }
    const norm = Math.sqrt(dot(v, v));
    const columnNorm = Math.sqrt(dot(column, column));
    if (columnNorm === 0 || norm <= tolerance * columnNorm) {
      dropped.push({ index: j, combination: backSubstitute(rColumns, r, q.length) });
      continue;
    }
    q.push(v.map((value) => value / norm));
    rColumns.push([...r, norm]);
    kept.push(j);
  }
  const z = q.map((basis) => dot(basis, y));
  const beta = backSubstitute(rColumns, z, q.length);
  const coefficients = new Array<number>(width).fill(0);
  kept.forEach((column, k) => (coefficients[column] = beta[k]!));
  const residuals = rows.map((row, i) => y[i]! - dot(coefficients, row));
  const residualRmse = n === 0 ? Number.NaN : Math.sqrt(dot(residuals, residuals) / n);
  return { kept, coefficients, dropped, n, residualRmse };
}

/** The columns of x that the data do not determine: dropped columns whose value breaks the training relation. */
export function unestimableColumns(fit: LinearFit, x: readonly number[], tolerance = 1e-6): number[] {
  return fit.dropped
    .filter(({ index, combination }) => {
      const implied = combination.reduce((sum, c, k) => sum + c * x[fit.kept[k]!]!, 0);
      return Math.abs(x[index]! - implied) > tolerance * Math.max(1, Math.abs(implied));
    })
    .map(({ index }) => index);
}

/** The value a dropped column would need for x to be estimable (its training relation). */
export function impliedValue(fit: LinearFit, x: readonly number[], column: number): number {
  const relation = fit.dropped.find((entry) => entry.index === column);
  if (!relation) return x[column]!;
  return relation.combination.reduce((sum, c, k) => sum + c * x[fit.kept[k]!]!, 0);
}

export function predictLinear(fit: LinearFit, x: readonly number[]): number {
  return dot(fit.coefficients, x);
}
