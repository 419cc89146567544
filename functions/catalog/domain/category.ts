// Category rules: a tree of named categories; a category cannot become its own ancestor; what each change
// announces (category.*). Pure; no AWS.
import {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  domainEvent,
  type DomainEvent,
} from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly parentId: string | null;
  /** Order among siblings, ascending. */
  readonly position: number;
  readonly version: number;
}

export interface CategoryNode extends Category {
  readonly children: readonly CategoryNode[];
}

export type CategoryContent = Pick<Category, 'name' | 'slug' | 'parentId' | 'position'>;

/** A category and what its creation or deletion announces. */
export interface CategoryTransition {
  readonly category: Category;
  readonly events: readonly DomainEvent[];
}

export function createCategory(content: CategoryContent, id: string): CategoryTransition {
  const category: Category = { id, ...content, version: 1 };
  return { category, events: [domainEvent(CategoryCreated, category)] };
}

/** Deleting a category announces it as it was; the store refuses one that still holds anything. */
export function deleteCategory(category: Category): CategoryTransition {
  return { category, events: [domainEvent(CategoryDeleted, category)] };
}

/** Builds the tree, siblings ordered by position then name. Orphans (parent gone) are not shown. */
export function buildTree(categories: readonly Category[]): CategoryNode[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of categories) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const build = (parentId: string | null, seen: Set<string>): CategoryNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((c) => ({ ...c, children: build(c.id, new Set([...seen, c.id])) }));
  return build(null, new Set());
}

/** Refuses a move that would put a category under itself or one of its descendants. */
export function assertMoveAllowed(
  categories: readonly Category[],
  id: string,
  newParentId: string | null,
): void {
  const parentOf = new Map(categories.map((c) => [c.id, c.parentId]));
  let cursor = newParentId;
  const visited = new Set<string>();
  while (cursor !== null) {
    if (cursor === id) {
      throw new UnprocessableError(
        'A category cannot be moved under itself or its descendants.',
        'category-cycle',
      );
    }
    if (visited.has(cursor)) break;
    visited.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
}

export interface CategoryChange {
  readonly before: Category;
  readonly after: Category;
  readonly changedFields: readonly string[];
  /** category.updated, or nothing when nothing changed. */
  readonly events: readonly DomainEvent[];
}

export function applyCategoryPatch(category: Category, patch: Partial<CategoryContent>): CategoryChange {
  const fields = (['name', 'slug', 'parentId', 'position'] as const).filter(
    (f) => patch[f] !== undefined && patch[f] !== category[f],
  );
  if (fields.length === 0) return { before: category, after: category, changedFields: [], events: [] };
  const after: Category = {
    ...category,
    ...Object.fromEntries(fields.map((f) => [f, patch[f]])),
    version: category.version + 1,
  };
  return { before: category, after, changedFields: fields, events: [domainEvent(CategoryUpdated, after)] };
}
