// Every piece of English text the portal shows, in one place so it can be translated later.
export const t = {
  appName: 'Sinfonia',
  tagline: 'Research data repository for medical imaging',
  login: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    failed: 'Wrong user name or password',
    expired: 'Your session ended after a period of inactivity. Please sign in again.',
    loggedOut: 'You have signed out.',
  },
  nav: {
    browse: 'Browse', search: 'Search', studies: 'Studies', jobs: 'Jobs', uploads: 'Uploads',
    account: 'My account', audit: 'Audit trail', logout: 'Sign out', userMenu: 'User menu', home: 'My home folder',
  },
  browse: {
    collections: 'Collections', name: 'Name', size: 'Size', created: 'Created', owner: 'Owner', type: 'Type',
    actions: 'Actions', empty: 'This place is empty.', newFolder: 'New folder', newCollection: 'New collection',
    rename: 'Rename', move: 'Move', copy: 'Copy', delete: 'Delete', share: 'Share', upload: 'Upload files',
    uploadFolder: 'Upload folder', sortBy: 'Sort by', sortName: 'Name', sortCreated: 'Creation date',
    previous: 'Previous page', next: 'Next page', page: (a: number, b: number, n: number) => `${a}–${b} of ${n}`,
    confirmDelete: (name: string) => `Delete “${name}”? This cannot be undone.`, folder: 'Folder', item: 'Item',
    file: 'File', collection: 'Collection', description: 'Description', metadata: 'Metadata', save: 'Save',
    cancel: 'Cancel', addKey: 'Add field', key: 'Key', value: 'Value', valueType: 'Type', remove: 'Remove',
    editDescription: 'Edit description', noDescription: 'No description', files: 'Files', download: 'Download',
    dropHere: 'Drop files or folders here to upload them into this folder', moveTo: 'Move to folder (id or pick below)',
    copyTo: 'Copy to folder', target: 'Target folder', chooseTarget: 'Choose the target folder',
    up: 'Up one level', select: 'Choose this folder', newName: 'New name', created_ok: 'Created', saved: 'Saved',
    breadcrumbs: 'Location',
  },
  upload: {
    title: 'Uploads', batch: 'All uploads', pause: 'Pause', resume: 'Resume', cancel: 'Cancel', retry: 'Retry',
    clear: 'Clear finished', speed: 'Speed', eta: 'Time left', done: 'Done', failed: 'Failed', queued: 'Waiting',
    uploading: 'Uploading', paused: 'Paused', cancelled: 'Cancelled', extract: 'Extract zips after upload',
    unfinished: 'Unfinished uploads from an earlier visit: choose the same files again to resume them.',
    forget: 'Forget', none: 'No uploads yet.',
  },
  viewer: {
    frame: 'Frame', slice: 'Slice', position: 'Position', window: 'Window', level: 'Level', presets: 'Presets',
    presetNames: { soft: 'Soft tissue', lung: 'Lung', bone: 'Bone', brain: 'Brain' } as Record<string, string>,
    reset: 'File window', slider: 'Slice', tags: 'DICOM tags', filterTags: 'Filter tags', noPreview: 'No preview',
    loading: 'Loading…', legend: 'Dose legend', rois: 'Structures', beams: 'Beams', fractions: 'Fraction groups',
    prescriptions: 'Prescriptions', extractHere: 'Extract here', extractInto: 'Extract into…', zipContents: 'Zip contents',
    help: 'Mouse wheel or arrow keys: slices. Drag: window/level.', openSeries: 'Open series', stack: 'Stack viewer',
  },
  share: {
    title: (name: string) => `Share “${name}”`, public: 'Public (anyone can read)', recurse: 'Apply to everything below',
    addPerson: 'Add a user or group', level: 'Level', apply: 'Save access', levels: ['Read', 'Write', 'Admin'],
    user: 'User', group: 'Group', saved: 'Access saved', add: 'Add',
  },
  search: {
    title: 'Search', query: 'Search names, descriptions and metadata', types: 'Types', meta: 'Metadata (KEY=VALUE)',
    patientId: 'Patient ID', modality: 'Modality', dateFrom: 'Study date from', dateTo: 'Study date to',
    description: 'Study description', submit: 'Search', noResults: 'Nothing found.', results: (n: number) => `${n} results`,
    dicom: 'DICOM studies',
  },
  studies: {
    title: 'Studies', patient: 'Patient', patientId: 'Patient ID', date: 'Date', modality: 'Modalities',
    description: 'Description', series: 'Series', instances: 'Instances', number: 'Number', open: 'Open', none: 'No studies.',
  },
  jobs: {
    title: 'Jobs', kind: 'Kind', state: 'State', progress: 'Progress', created: 'Created', cancel: 'Cancel',
    errors: 'Problems', none: 'No jobs.', refresh: 'Refresh',
  },
  account: {
    title: 'My account', groups: 'Groups', tokens: 'API tokens', tokenName: 'Token name', expires: 'Expires in days',
    create: 'Create token', revoke: 'Revoke', tokenOnce: 'Copy this token now, it is shown only once:',
    sshKeys: 'SSH public keys', addKey: 'Add key', keyText: 'Public key (OpenSSH format)', mappings: 'SFTP drop folders',
    lastUsed: 'Last used', tokensUnavailable: 'This server does not offer personal API tokens yet.', never: 'never', none: 'None.', login: 'Login', email: 'E-mail', admin: 'Site administrator',
  },
  audit: {
    title: 'Audit trail', user: 'User', resource: 'Resource', action: 'Action', since: 'From', until: 'To',
    filter: 'Filter', exportCsv: 'Export CSV', when: 'When', client: 'Client', outcome: 'Outcome', detail: 'Detail',
  },
  errors: {
    network: 'The server cannot be reached.', generic: 'Something went wrong.', dismiss: 'Dismiss',
  },
  // My account (SSH keys, SFTP drop folders, token list) and the audit trail's extras: branch acct.
  sshKeys: {
    title: 'SSH public keys', intro: 'Keys you sign in to SFTP with, instead of your password. Paste one OpenSSH public key line (the .pub file).',
    type: 'Type', comment: 'Comment', fingerprint: 'Fingerprint', added: 'Added', remove: 'Remove', none: 'No SSH keys yet',
    key: 'Public key', add: 'Add key', added_ok: 'Key added', removed: 'Key removed',
    removeLabel: (what: string) => `Remove key ${what}`,
  },
  mappings: {
    title: 'SFTP drop folders',
    intro: 'Files you drop under an inbox path over SFTP land in its folder (subfolders kept) instead of your home folder.',
    inbox: 'Inbox path', target: 'Target folder', extract: 'Extract zips', yes: 'Yes', no: 'No', none: 'No drop folders yet',
    choose: 'Choose folder…', noTarget: 'No folder chosen', add: 'Add drop folder', save: 'Save drop folder',
    edit: 'Edit', remove: 'Remove', cancelEdit: 'Cancel', pickTitle: 'Choose the folder files land in', saved: 'Drop folders saved',
    missingTarget: 'Choose the folder the files should land in.', gone: 'folder not available',
    editLabel: (p: string) => `Edit drop folder ${p}`, removeLabel: (p: string) => `Remove drop folder ${p}`,
  },
  tokens: {
    none: 'No tokens yet', expiresAt: 'Expires', revokeLabel: (name: string) => `Revoke token ${name}`, revoked: 'Token revoked',
  },
  auditMore: {
    none: 'No events match these filters.', shown: (n: number) => `${n} newest events shown`, more: 'Show more',
    reset: 'Clear filters', exporting: 'Exporting…', resourceHint: 'id', filters: 'Filters',
  },
};
