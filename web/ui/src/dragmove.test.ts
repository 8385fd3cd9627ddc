import { describe, expect, it } from 'vitest';
import { canDrop, moveRequest } from './dragmove';

describe('drag move', () => {
  const folder = { type: 'folder', id: 'f1', name: 'A', parentId: 'home' };
  const item = { type: 'item', id: 'i1', name: 'x.txt', folderId: 'home' };
  it('folders take folders and items, collections only folders', () => {
    expect(canDrop(folder, { type: 'folder', id: 'f2' })).toBe(true);
    expect(canDrop(item, { type: 'folder', id: 'f2' })).toBe(true);
    expect(canDrop(folder, { type: 'collection', id: 'c1' })).toBe(true);
    expect(canDrop(item, { type: 'collection', id: 'c1' })).toBe(false);
  });
  it('never onto itself or where it already is', () => {
    expect(canDrop(folder, { type: 'folder', id: 'f1' })).toBe(false);
    expect(canDrop(folder, { type: 'folder', id: 'home' })).toBe(false);
    expect(canDrop(item, { type: 'folder', id: 'home' })).toBe(false);
    expect(canDrop({ type: 'collection', id: 'c', name: 'c' }, { type: 'folder', id: 'f2' })).toBe(false);
  });
  it('moves by PATCH with the new parent', () => {
    expect(moveRequest(item, { type: 'folder', id: 'f2' })).toEqual({ path: 'items/i1', body: { folderId: 'f2', parentId: 'f2', parentType: 'folder' } });
    expect(moveRequest(folder, { type: 'collection', id: 'c1' })).toEqual({ path: 'folders/f1', body: { parentType: 'collection', parentId: 'c1' } });
  });
});
