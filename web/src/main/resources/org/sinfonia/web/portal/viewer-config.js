// Appended to the generated window.config (/viewer/app-config.js): the parts of OHIF's
// configuration that are functions and so cannot be written as JSON.
(function (config) {
  var FOLDER_ID = /^[A-Za-z0-9_-]{1,128}$/;
  config.dataSources.forEach(function (source) {
    if (source.sourceName !== 'sinfonia-folder') {
      return;
    }
    // /viewer/?datasources=sinfonia-folder&folder=<id>: the studies of one folder's subtree. Without
    // a folder (OHIF drops the parameter when it opens a study) it is the whole of what the user may
    // read, exactly as the default source: the folder narrows the list, access control is the same.
    // OHIF keeps what this returns as the source's configuration, so the root is taken from here.
    var base = source.configuration.qidoRoot;
    source.configuration.onConfiguration = function (dicomWeb, context) {
      var query = context && context.query;
      var folder = query && typeof query.get === 'function' ? query.get('folder') : null;
      var root =
        folder && FOLDER_ID.test(folder) ? base + '/folders/' + encodeURIComponent(folder) : base;
      return Object.assign({}, dicomWeb, { qidoRoot: root, wadoRoot: root, wadoUriRoot: root });
    };
  });
  // OHIF shows this in the corner of the study list and the viewer: the way back to the portal.
  config.whiteLabeling = {
    createLogoComponentFn: function (React) {
      return React.createElement(
        'a',
        {
          href: '/#/studies',
          title: 'Back to the Sinfonia portal',
          className: 'text-primary-light text-lg font-semibold hover:underline',
          'data-sinfonia': 'portal-link',
        },
        'Sinfonia portal'
      );
    },
  };
})(window.config);
