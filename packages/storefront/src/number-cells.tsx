// The amount columns of the shop's tables (cart, order, order history): right-aligned, and each cell named
// by its column (data-label), which the narrow layout shows when a row's cells stack.
import type { ReactNode } from 'react';

export function NumberHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="number">
      {children}
    </th>
  );
}

export function NumberCell({ column, children }: { column: string; children: ReactNode }) {
  return (
    <td className="number" data-label={column}>
      {children}
    </td>
  );
}
