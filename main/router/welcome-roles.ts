// The router roles and advanced-profile features announced in WELCOME.Details.roles.
export const WELCOME_ROLES = {
  broker: {
    features: {
      publisher_identification: true,
      publisher_exclusion: true,
      subscriber_blackwhite_listing: true,
      pattern_based_subscription: true,
      session_meta_api: true,
      subscription_meta_api: true,
    },
  },
  dealer: {
    features: {
      caller_identification: true,
      pattern_based_registration: true,
      shared_registration: true,
      progressive_call_results: true,
      call_canceling: true,
      call_timeout: true,
      session_meta_api: true,
      registration_meta_api: true,
    },
  },
} as const;
