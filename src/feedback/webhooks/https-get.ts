import { get } from 'node:https';

/**
 * GETs a small https resource (an SNS signing certificate, a SubscribeURL): 10 s at most, 64 KiB at most,
 * redirects not followed. The callers check the URL first (isSnsUrl).
 */
export function httpsGetText(url: string, maxBytes = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 10_000 }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${url} answered ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) req.destroy(new Error(`${url} is larger than ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within 10 s`)));
    req.on('error', reject);
  });
}
