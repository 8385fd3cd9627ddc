// Small inline SVG icons (no icon font, no emoji: hospital desktops often lack an emoji font).
const paths: Record<string, string> = {
  folder: 'M2 5a1 1 0 0 1 1-1h4l2 2h8a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z',
  item: 'M5 2h7l4 4v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm7 0v4h4',
  collection: 'M3 4h14v3H3zm1 4h12v8H4zm4 2v2h4v-2z',
  user: 'M10 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6 7c0-3.3 2.7-5 6-5s6 1.7 6 5z',
  group: 'M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7 0a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1 17c0-3 2.7-5 6-5s6 2 6 5zm12.5-5c2.8 0 5.5 1.6 5.5 5h-4.5',
};

export function Icon(props: { name: keyof typeof paths | string }) {
  return (
    <svg class={`icon icon-${props.name}`} viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={paths[props.name] ?? paths.item} />
    </svg>
  );
}
