package dev.golive.probe.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny authoritative DNS server on a loopback UDP port for tests: Netty's DNS codec frames the messages, the record
 * data (A, AAAA, CNAME, NS, TXT, MX) is encoded here. Unknown names answer NXDOMAIN; names registered with
 * {@link #fail} answer with that code.
 */
/** A DNS server on a loopback UDP port answering what the test configured (also used by plan stand-ins). */
public final class FakeDnsServer implements AutoCloseable {
  private final Map<String, List<byte[]>> answers = new ConcurrentHashMap<>();
  private final Map<String, DnsResponseCode> failures = new ConcurrentHashMap<>();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  public FakeDnsServer() throws InterruptedException {
    channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Answerer());
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public FakeDnsServer a(String name, String... ips) {
    for (String ip : ips) add("A", name, address(ip));
    return this;
  }

  FakeDnsServer aaaa(String name, String... ips) {
    for (String ip : ips) add("AAAA", name, address(ip));
    return this;
  }

  FakeDnsServer cname(String name, String target) {
    add("CNAME", name, encodeName(target));
    return this;
  }

  FakeDnsServer txt(String name, String... strings) {
    ByteBuf b = Unpooled.buffer();
    for (String s : strings) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      b.writeByte(bytes.length).writeBytes(bytes);
    }
    add("TXT", name, bytes(b));
    return this;
  }

  FakeDnsServer mx(String name, int priority, String host) {
    ByteBuf b = Unpooled.buffer().writeShort(priority).writeBytes(encodeName(host));
    add("MX", name, bytes(b));
    return this;
  }

  FakeDnsServer fail(String name, DnsResponseCode code) {
    failures.put(key(name), code);
    return this;
  }

  private void add(String type, String name, byte[] rdata) {
    answers.computeIfAbsent(type + " " + key(name), k -> new ArrayList<>()).add(rdata);
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static byte[] address(String ip) {
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (Exception e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  private static byte[] encodeName(String name) {
    ByteBuf b = Unpooled.buffer();
    for (String label : key(name).split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      b.writeByte(bytes.length).writeBytes(bytes);
    }
    b.writeByte(0);
    return bytes(b);
  }

  private static byte[] bytes(ByteBuf b) {
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    b.release();
    return out;
  }

  private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
      DnsQuestion question = query.recordAt(DnsSection.QUESTION);
      DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
      response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true).setAuthoritativeAnswer(true);
      response.addRecord(DnsSection.QUESTION, question);
      String name = key(question.name());
      DnsRecordType type = question.type();
      List<byte[]> rdata = answers.get(type.name() + " " + name);
      if (failures.containsKey(name)) {
        response.setCode(failures.get(name));
      } else if (rdata == null && answers.keySet().stream().noneMatch(k -> k.endsWith(" " + name))) {
        response.setCode(DnsResponseCode.NXDOMAIN);
      } else if (rdata != null) {
        for (byte[] r : rdata) {
          response.addRecord(DnsSection.ANSWER,
              new DefaultDnsRawRecord(question.name(), type, 60, Unpooled.wrappedBuffer(r)));
        }
      }
      ctx.writeAndFlush(response);
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.close().sync();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
  }
}
