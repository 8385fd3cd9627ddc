// Moving by drag and drop inside the portal: a row carries its resource under a type of its own, so a drop of
// files from the desktop (an upload) and a drop of a row (a move) never mix. The rules are free of the DOM.

export const ROW_MIME = 'application/x-sinfonia-resource';

export interface Dragged { type: string; id: string; name: string; parentId?: string; folderId?: string }
export interface Place { type: string; id: string }

/** Whether `dragged` may be dropped on `dest`: folders take folders and items, collections take folders only. */
export function canDrop(dragged: Dragged, dest: Place): boolean {
  if (dragged.type === 'collection' || dragged.type === 'file') return false;
  if (dragged.id === dest.id) return false;
  if (dragged.type === 'item') return dest.type === 'folder' && dragged.folderId !== dest.id;
  if (dragged.type === 'folder') return (dest.type === 'folder' || dest.type === 'collection') && dragged.parentId !== dest.id;
  return false;
}

/** The public API's move: PATCH of the resource with its new parent (an item's parent is always a folder). */
export function moveRequest(dragged: Dragged, dest: Place): { path: string; body: Record<string, string> } {
  return dragged.type === 'item'
    ? { path: `items/${dragged.id}`, body: { folderId: dest.id, parentId: dest.id, parentType: 'folder' } }
    : { path: `${dragged.type}s/${dragged.id}`, body: { parentType: dest.type, parentId: dest.id } };
}

/** The row a DataTransfer carries, if it carries one. */
export function draggedOf(dt: DataTransfer | null | undefined): Dragged | undefined {
  if (!dt || ![...dt.types].includes(ROW_MIME)) return undefined;
  try { return JSON.parse(dt.getData(ROW_MIME)) as Dragged; } catch { return undefined; }
}

export const isRowDrag = (dt: DataTransfer | null | undefined) => !!dt && [...dt.types].includes(ROW_MIME);
