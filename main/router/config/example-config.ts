// What `authbahn router --example-config` prints: a working config (stdout, loadable as is) and a guide
// to its keys (stderr, so `authbahn router --example-config > config.json` captures only the JSON).
export const EXAMPLE_CONFIG = `{
  "version": 2,
  "workers": [
    {
      "type": "router",
      "realms": [
        {
          "name": "realm1",
          "roles": [
            {
              "name": "frontend",
              "permissions": [
                { "uri": "com.example.", "match": "prefix",
                  "allow": { "call": true, "register": false, "publish": true, "subscribe": true },
                  "disclose": { "caller": true, "publisher": true }, "cache": true }
              ]
            },
            {
              "name": "backend",
              "permissions": [
                { "uri": "com.example.", "match": "prefix",
                  "allow": { "call": true, "register": true, "publish": true, "subscribe": true } }
              ]
            },
            {
              "name": "public",
              "permissions": [
                { "uri": "com.example.public.*", "allow": { "subscribe": true } }
              ]
            }
          ]
        }
      ],
      "transports": [
        {
          "type": "web",
          "id": "main",
          "endpoint": { "type": "tcp", "port": 8080 },
          "paths": {
            "ws": {
              "type": "websocket",
              "serializers": ["json", "msgpack", "cbor"],
              "options": { "max_message_size": 1048576, "open_handshake_timeout": 10000,
                           "allowed_origins": ["http://localhost:*", "http://127.0.0.1:*"] },
              "auth": {
                "anonymous": { "type": "static", "role": "public" },
                "ticket": {
                  "type": "static",
                  "principals": {
                    "joe": { "ticket": "secret!!!", "role": "frontend" },
                    "ann": { "ticket": { "totp": "JBSWY3DPEHPK3PXP" }, "role": "frontend" }
                  }
                },
                "wampcra": {
                  "type": "static",
                  "users": {
                    "alice": { "secret": "uSfrsFC6nUZ9AWBIFW7+r8OMBSzjDWg0EOdXIc7+4zA=", "role": "backend",
                               "salt": "example-salt", "iterations": 1000, "keylen": 32 },
                    "bob": { "secret": "bob-secret", "role": "frontend" }
                  }
                }
              }
            }
          }
        }
      ]
    }
  ]
}
`;

export const EXAMPLE_GUIDE = `# Authbahn router config (Crossbar config.json, version 2). The JSON is on stdout; this guide on stderr.
#
# Listens on ws://127.0.0.1:8080/ws, realm "realm1":
#   anonymous        → role "public" (random authid; may only subscribe to com.example.public.*)
#   ticket joe       → ticket "secret!!!"
#   ticket ann       → the current TOTP code of secret JBSWY3DPEHPK3PXP (each code works once)
#   wampcra alice    → password "alice-password"; "secret" is the PBKDF2-derived key (salt, iterations, keylen)
#   wampcra bob      → secret "bob-secret" (no salt: the secret itself is the HMAC key)
#
# Browsers: only pages from http://localhost:* and http://127.0.0.1:* may open a WebSocket to it
#   ("allowed_origins"; WebSockets are not bound by the same-origin policy, so without it any web site open
#   in a browser could try logins here). Clients that send no Origin header (non-browser) are unaffected.
# Meta API: no role here is granted "wamp." URIs, so nobody can list or kill sessions
#   (wamp.session.list/get/kill, ...); grant them to an admin role only, e.g.
#   {"uri": "wamp.session.", "match": "prefix", "allow": {"call": true}}.
# Endpoints: {"type": "tcp", "port": N, "interface": "127.0.0.1"}; without "interface" the router binds to
#   127.0.0.1 only (Crossbar binds every interface). TLS: add "tls": {"key": "key.pem", "certificate":
#   "cert.pem", "chain_certificates": [...], "ciphers": "...", "dhparam": "..."} (paths relative to the config
#   file; \`authbahn router cert --out DIR\` makes a self-signed pair). Unix sockets (rawsocket transports):
#   {"type": "unix", "path": "router.sock"} (mode 0600).
# Transports: "websocket" (any path), "web" with one {"type": "websocket"} entry in "paths" (served at /NAME),
#   "rawsocket" (WAMP over RawSocket: "serializers", "max_message_size" up to 16 MiB, "auth"), and "universal"
#   (one port: {"rawsocket": {...}, "websocket": {"ws": {"type": "websocket", ...}}}, told apart by the first byte).
# Auth methods per transport: anonymous, ticket, wampcra — each {"type": "static", ...} or
#   {"type": "dynamic", "authenticator": "com.example.authenticate", "authenticator-realm": "realm1"}.
#   The client's first offered method that the transport has wins.
# Secrets instead of plaintext:
#   "ticket": {"keychain": "NAME"} / "secret": {"keychain": "NAME"}   keychain item router:NAME
#       (store it: authbahn router secret set NAME, value read from stdin)
#   "ticket": {"totp": "BASE32"}                       TOTP code as ticket (digits/period/algorithm optional)
#   "ticket": {"totp": {"keychain": "NAME"}}           TOTP secret in keychain item router:NAME
#   "ticket": {"totp": {"account": "ISSUER:LABEL"}}    an account of this authenticator (or its id)
# Permissions: {"uri", "match": "exact"|"prefix"|"wildcard", "allow": {call, register, publish, subscribe},
#   "disclose": {caller, publisher}, "cache"}; exact beats wildcard beats the longest prefix; legacy "com.example.*".
#   A role with "authorizer": "com.example.authorize" is authorized dynamically.
# Failed logins: after 5 failures per authid (20 per peer host) in 60 s further logins are refused for 30 s
#   (doubling); tune with workers[0].options.auth_rate_limit {max_failures_per_authid, max_failures_per_peer,
#   window, lockout, max_lockout} (milliseconds).
`;
