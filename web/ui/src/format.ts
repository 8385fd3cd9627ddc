export { formatBytes, formatDuration } from './upload/queue';

export function formatDate(iso?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The type a file is shown as: the server's effective type (the name's when the upload declared nothing useful), without parameters. */
export function shownType(file: { mimeType?: string; effectiveType?: string }): string {
  return (file.effectiveType || file.mimeType || '').split(';')[0].trim();
}
