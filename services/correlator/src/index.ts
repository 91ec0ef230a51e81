export * from './correlator.service';
export * from './correlator-config';
export * from './correlator-settings';
