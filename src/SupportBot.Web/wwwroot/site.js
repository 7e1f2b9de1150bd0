// The demo site's footer shows the hours people answer chats, as the server is configured (Handoff:BusinessHours).
fetch('/widget/hours?locale=en-US')
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`/widget/hours answered ${response.status}`))))
  .then((support) => { document.getElementById('support-hours').textContent = support.hours; })
  .catch((error) => console.error('Support hours:', error));
