/**
 * An Excel serial day number (45769.6186 = 22 April 2025, 14:51) as `YYYY-MM-DDTHH:MM`. Excel
 * counts from 30 December 1899 for every date after February 1900, and stores no time zone,
 * so none is stated.
 */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return undefined;
  const ms = Math.round((serial * 86400000) / 60000) * 60000;
  return new Date(Date.UTC(1899, 11, 30) + ms).toISOString().slice(0, 16);
}
