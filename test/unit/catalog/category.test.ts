import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  applyCategoryPatch,
  assertMoveAllowed,
  buildTree,
  type Category,
} from '../../../functions/catalog/domain/category.ts';

const cat = (id: string, parentId: string | null, position = 0): Category => ({
  id,
  name: id,
  slug: id,
  parentId,
  position,
  version: 1,
});

describe('buildTree', () => {
  it('nests children under parents and orders siblings by position', () => {
    const tree = buildTree([
      cat('shirts', 'men', 2),
      cat('men', null),
      cat('trousers', 'men', 1),
      cat('women', null, 1),
    ]);
    expect(tree.map((n) => n.id)).toEqual(['men', 'women']);
    expect(tree[0]!.children.map((n) => n.id)).toEqual(['trousers', 'shirts']);
  });
});

describe('assertMoveAllowed', () => {
  const all = [cat('a', null), cat('b', 'a'), cat('c', 'b')];

  it('refuses moving a category under its own descendant', () => {
    expect(() => assertMoveAllowed(all, 'a', 'c')).toThrow(UnprocessableError);
    expect(() => assertMoveAllowed(all, 'a', 'a')).toThrow(UnprocessableError);
  });

  it('allows moving to the root or a sibling branch', () => {
    expect(() => assertMoveAllowed(all, 'c', null)).not.toThrow();
    expect(() => assertMoveAllowed([...all, cat('d', null)], 'b', 'd')).not.toThrow();
  });
});

describe('applyCategoryPatch', () => {
  it('bumps the version only when something changes', () => {
    const c = cat('a', null);
    expect(applyCategoryPatch(c, { name: 'a' }).changedFields).toEqual([]);
    const change = applyCategoryPatch(c, { name: 'Alpha', position: 3 });
    expect(change.changedFields).toEqual(['name', 'position']);
    expect(change.after.version).toBe(2);
  });
});
