// A batch's single-use codes as one CSV file: every page of GET /promotions/{id}/code-batches/{batchId}/codes
// (up to 10,000 codes each, CSV text inside JSON) joined under one header, saved through a Blob's object URL.
import { must, type CommerceClient } from '@commerce/web-kit';

/** Reads every page of the batch's export; `onPage` hears how many codes are read so far. */
export async function codesCsv(
  client: CommerceClient,
  promotionId: string,
  batchId: string,
  onPage: (codes: number) => void,
): Promise<string> {
  // Each page is a CSV of its own: its header is dropped, and one goes on top of the file.
  const lines = ['code,status,orderId'];
  let cursor: string | undefined;
  do {
    const page = must(
      await client.GET('/promotions/{id}/code-batches/{batchId}/codes', {
        params: { path: { id: promotionId, batchId }, query: cursor ? { cursor } : {} },
      }),
    );
    lines.push(
      ...page.csv
        .split('\n')
        .slice(1)
        .filter((l) => l !== ''),
    );
    onPage(lines.length - 1);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return `${lines.join('\n')}\n`;
}

/** Offers `csv` to the browser as a download named `fileName`. */
export function saveCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has started the download (at once, some browsers would lose it).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
