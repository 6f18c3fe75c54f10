// kafkajs ships no types for its internal murmur2, which the partitioner test uses as its oracle.
declare module 'kafkajs/src/producer/partitioners/default/murmur2.js' {
  const murmur2: (key: Buffer | string) => number;
  export default murmur2;
}
