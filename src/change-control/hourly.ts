/** Change-log counts per hour (the console's 24 h chart): zero-filled buckets, oldest first. Pure. */

export interface HourCount {
  /** `YYYY-MM-DD HH` in UTC, as the database groups it. */
  hour: string;
  status: string;
  n: number | string;
}

export interface HourBucket {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string;
  success: number;
  failed: number;
}

const HOUR = 3_600_000;

/** The start of the hour `date` falls in. */
export function hourStart(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR) * HOUR);
}

/** The first hour of a window of `hours` hours ending with the current one. */
export function windowStart(now: Date, hours: number): Date {
  return new Date(hourStart(now).getTime() - (hours - 1) * HOUR);
}

export function hourlyBuckets(now: Date, hours: number, counts: HourCount[]): HourBucket[] {
  const start = windowStart(now, hours).getTime();
  const buckets: HourBucket[] = Array.from({ length: hours }, (_, i) => ({
    hour: new Date(start + i * HOUR).toISOString(),
    success: 0,
    failed: 0,
  }));
  for (const count of counts) {
    const at = Date.parse(`${count.hour.replace(' ', 'T')}:00:00.000Z`);
    const index = Math.round((at - start) / HOUR);
    const bucket = buckets[index];
    if (!bucket) continue;
    if (count.status === 'success') bucket.success += Number(count.n);
    else if (count.status === 'failed') bucket.failed += Number(count.n);
  }
  return buckets;
}
