// The category tree (GET /categories), shared by the category screen and the product form's category picker.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { useQuery } from '@tanstack/react-query';
import { useConsole } from '../../app/console.tsx';

export type CategoryNode = components['schemas']['CategoryNode'];

export interface FlatCategory {
  readonly node: CategoryNode;
  readonly depth: number;
  /** "Clothing / Shirts": the path that tells two "Shirts" apart. */
  readonly path: string;
}

export const categoriesKey = ['categories'] as const;

export function useCategories() {
  const { client } = useConsole();
  return useQuery({
    queryKey: categoriesKey,
    queryFn: async () => must(await client.GET('/categories')).items,
  });
}

/** The tree depth first, each node with its depth and path, in the order the tree shows them. */
export function flatten(nodes: readonly CategoryNode[], depth = 0, prefix = ''): FlatCategory[] {
  return [...nodes]
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .flatMap((node) => {
      const path = prefix ? `${prefix} / ${node.name}` : node.name;
      return [{ node, depth, path }, ...flatten(node.children, depth + 1, path)];
    });
}
