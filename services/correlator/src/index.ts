export * from './correlator.service';
export * from './correlator-config';
