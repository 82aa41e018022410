// The privacy policy version in force (P13). Every consent records the version it was given or
// withdrawn under, so a later policy change can tell who agreed to what.
export const CURRENT_POLICY_VERSION = "2026-11-01";
