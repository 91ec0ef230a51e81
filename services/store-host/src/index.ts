// @sipflow/store-host: the embedded engine behind ClickHouse's HTTP interface (libs/store startStoreHost).
export { storeHostConfig } from './store-host-config';
