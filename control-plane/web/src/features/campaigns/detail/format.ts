const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export const formatCount = (value: number) => count.format(value);
/** The API's rates are fractions of sent (0.125 is 12.5 %); this only formats them. */
export const formatRate = (fraction: number) => percent.format(fraction);
