// Standard WAMP error and close-reason URIs (WAMP v2 spec, "Predefined URIs"), plus the few
// Crossbar-specific ones peers commonly see.
export const WAMP_ERROR = {
  // Session close reasons
  close_realm: 'wamp.close.close_realm',
  goodbye_and_out: 'wamp.close.goodbye_and_out',
  system_shutdown: 'wamp.close.system_shutdown',
  killed: 'wamp.close.killed',
  normal: 'wamp.close.normal',
  // Session/authentication
  no_such_realm: 'wamp.error.no_such_realm',
  no_such_role: 'wamp.error.no_such_role',
  no_such_principal: 'wamp.error.no_such_principal',
  no_auth_method: 'wamp.error.no_auth_method',
  authentication_failed: 'wamp.error.authentication_failed',
  authorization_failed: 'wamp.error.authorization_failed',
  not_authorized: 'wamp.error.not_authorized',
  protocol_violation: 'wamp.error.protocol_violation',
  // Broker/dealer
  invalid_uri: 'wamp.error.invalid_uri',
  invalid_argument: 'wamp.error.invalid_argument',
  no_such_procedure: 'wamp.error.no_such_procedure',
  no_such_registration: 'wamp.error.no_such_registration',
  no_such_subscription: 'wamp.error.no_such_subscription',
  no_such_session: 'wamp.error.no_such_session',
  procedure_already_exists: 'wamp.error.procedure_already_exists',
  procedure_exists_with_different_invocation_policy: 'wamp.error.procedure_exists_with_different_invocation_policy',
  canceled: 'wamp.error.canceled',
  timeout: 'wamp.error.timeout',
  unavailable: 'wamp.error.unavailable',
  no_available_callee: 'wamp.error.no_available_callee',
  option_not_allowed: 'wamp.error.option_not_allowed',
  option_disallowed_disclose_me: 'wamp.error.option_disallowed.disclose_me',
  feature_not_supported: 'wamp.error.feature_not_supported',
  payload_size_exceeded: 'wamp.error.payload_size_exceeded',
  runtime_error: 'wamp.error.runtime_error',
} as const;

export type WampErrorUri = (typeof WAMP_ERROR)[keyof typeof WAMP_ERROR];
