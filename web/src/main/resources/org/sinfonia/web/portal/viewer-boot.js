// Served as /viewer/sinfonia-boot.js in place of OHIF's two inline scripts (the viewer's content
// security policy allows no inline script). It also hands the portal session's CSRF token to every
// request OHIF makes that changes something on this origin (STOW-RS of a measurement report): OHIF
// only knows how to send an Authorization header, and the session lives in an HttpOnly cookie.
// And it sends OHIF's STOW-RS of the study on screen to that study's address, so Sinfonia files
// the report in the study's folder instead of the user's home.
console.time('scriptToView');
window.PUBLIC_URL = '/viewer/';
function browserImportFunction(n) {
  return import(n);
}
(function () {
  var token = null;
  var ready = fetch('/api/v1/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
  })
    .then(function (r) {
      return r.ok ? r.json() : null;
    })
    .then(function (s) {
      token = s && s.csrfToken ? s.csrfToken : null;
    })
    .catch(function () {});
  window.sinfoniaSessionReady = ready;

  function changes(method) {
    return !/^(GET|HEAD|OPTIONS)$/i.test(method || 'GET');
  }
  function sameOrigin(url) {
    try {
      return new URL(String(url), location.href).origin === location.origin;
    } catch (e) {
      return false;
    }
  }

  // The one study this page shows (OHIF reads its parameters in any case), or null.
  function studyOnScreen() {
    var found = null;
    new URLSearchParams(location.search).forEach(function (value, key) {
      if (key.toLowerCase() === 'studyinstanceuids') {
        found = value;
      }
    });
    return found && /^[0-9.]{1,64}$/.test(found) ? found : null;
  }
  function stowAtStudy(method, url) {
    var study = studyOnScreen();
    if (!study || !/^POST$/i.test(method || '')) {
      return url;
    }
    try {
      var u = new URL(String(url), location.href);
      if (u.origin !== location.origin || !/\/dicom-web(\/folders\/[^/]+)?\/studies$/.test(u.pathname)) {
        return url;
      }
      u.pathname += '/' + study;
      return u.toString();
    } catch (e) {
      return url;
    }
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.sinfoniaNeedsToken = changes(method) && sameOrigin(url);
    var args = Array.prototype.slice.call(arguments);
    args[1] = stowAtStudy(method, url);
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sinfoniaNeedsToken && token) {
      this.setRequestHeader('X-CSRF-Token', token);
    }
    return send.apply(this, arguments);
  };

  var originalFetch = window.fetch;
  window.fetch = function (input, init) {
    var isRequest = typeof Request !== 'undefined' && input instanceof Request;
    var method = (init && init.method) || (isRequest ? input.method : 'GET');
    var url = isRequest ? input.url : input;
    if (!token || !changes(method) || !sameOrigin(url)) {
      return originalFetch.apply(this, arguments);
    }
    var headers = new Headers((init && init.headers) || (isRequest ? input.headers : undefined));
    headers.set('X-CSRF-Token', token);
    var target = isRequest ? input : stowAtStudy(method, input);
    return originalFetch.call(this, target, Object.assign({}, init, { headers: headers }));
  };
})();
