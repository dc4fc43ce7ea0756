/** Runs `task` over every element with at most `limit` in flight; results keep input order. */
export async function mapWithConcurrency<T, R>(
	elements: readonly T[],
	limit: number,
	task: (element: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(elements.length);
	let next = 0;
	async function worker(): Promise<void> {
		while (next < elements.length) {
			const index = next++;
			results[index] = await task(elements[index] as T, index);
		}
	}
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, elements.length)) }, worker));
	return results;
}
