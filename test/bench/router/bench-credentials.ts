// Credentials of the bench router's login phase (test data, not secrets).
export const BENCH_TICKET = 'bench-ticket-secret';
export const BENCH_CRA_PASSWORD = 'bench-cra-password';
export const BENCH_CRA_SALT = 'bench-salt';
