import { Server, type ServerCredentials } from '@grpc/grpc-js';
import { type GrpcOptions, ServerGrpc } from '@nestjs/microservices';

/**
 * Nest's gRPC transport, binding the socket itself so the bound port is known (port 0 picks a
 * free one, and `sipflow start` prints what it got).
 */
export class BoundGrpcServer extends ServerGrpc {
  port = 0;

  constructor(
    private readonly settings: GrpcOptions['options'] & {
      url: string;
      credentials: ServerCredentials;
      channelOptions: Record<string, number>;
    },
  ) {
    super(settings);
  }

  override async createClient(): Promise<Server> {
    const server = new Server(this.settings.channelOptions);
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(this.settings.url, this.settings.credentials, (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return server;
  }
}
