// Starts Blazor with timeouts tuned for the wall (decision 0111): the server pings every 5 s and the browser gives a
// silent connection up after 15 s (default 30 s), so a wall reconnects soon after a link that held packets comes
// back. The server's Blazor hub uses the same figures (LiveServiceExtensions). A file, not an inline script, so that
// a Content-Security-Policy of the app's own origin allows it.
Blazor.start({
  circuit: {
    configureSignalR: builder => {
      builder.withServerTimeout(15000);
      builder.withKeepAliveInterval(5000);
    },
  },
});
