import type { Request, Response } from 'express';

/**
 * A request refused before its body was read: answer, then close the connection instead of
 * draining whatever the client is still sending (a slow 1 MB body would hold the socket).
 */
export function closeIfBodyPending(req: Request, res: Response): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.complete) res.setHeader('Connection', 'close');
}
