interface Pending<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

/**
 * Runs many small calls as few batched ones (group commit): a call waits only for the batch in
 * flight, and goes out with every call that arrived meanwhile, up to `maxBatch` at once and
 * `maxConcurrent` batches side by side. At low traffic each call goes out alone, at once; under load
 * a burst costs a few statements instead of one per call. `run` answers one output per input, in
 * order. When a batch fails, each of its calls is run alone, so one bad input fails only its own call.
 */
export class GroupedCalls<In, Out> {
  private pending: Array<Pending<In, Out>> = [];
  private running = 0;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly options: { maxBatch: number; maxConcurrent: number },
  ) {}

  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.pending.length === 0 || this.running >= this.options.maxConcurrent) return;
    const batch = this.pending.splice(0, this.options.maxBatch);
    this.running += 1;
    void this.settle(batch).finally(() => {
      this.running -= 1;
      this.next();
    });
  }

  private async settle(batch: Array<Pending<In, Out>>): Promise<void> {
    try {
      const outputs = await this.run(batch.map((pending) => pending.input));
      batch.forEach((pending, index) => pending.resolve(outputs[index]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(batch.map((pending) => this.settle([pending])));
    }
  }
}
