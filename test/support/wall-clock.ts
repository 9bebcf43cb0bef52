/** `"Mon 02:00"`: how an instant reads on a clock in `timeZone` (weekday, 24-hour time). */
export function wallClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );
}
