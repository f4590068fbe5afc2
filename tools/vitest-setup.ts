// Test setup for the whole workspace. In CI (CI=true) property tests run from one fixed seed, so a submission's
// verdict does not depend on the draw; set FC_SEED to replay another, and run locally to explore new draws.
import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined;
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
