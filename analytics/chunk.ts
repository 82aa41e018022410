// D1 allows at most 100 bound parameters per statement: multi-row writes are cut to fit.
export const MAX_BOUND_PARAMETERS = 100;

export function rowsPerStatement(parametersPerRow: number, maxParameters = MAX_BOUND_PARAMETERS): number {
	return Math.max(1, Math.floor(maxParameters / Math.max(1, parametersPerRow)));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
