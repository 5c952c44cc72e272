import { Command } from 'commander';
import { createDnsLookup } from '../doctor/dns-lookup.js';
import { doctorInput } from '../doctor/doctor-input.js';
import { countResults } from '../doctor/doctor-result.js';
import { formatDoctor } from '../doctor/format-doctor.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { cliContext } from './context.js';
import { out, outJson } from './output.js';

interface DoctorFlags {
  config?: string;
  resolver?: string;
  json?: boolean;
}

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('Check what receivers check: DKIM signing and alignment, the DKIM key, SPF, DMARC and MX in DNS (exit 1 on a FAIL)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--resolver <host:port>', 'DNS server to ask (default: delivery.doctor.resolver, else the system resolver)')
    .option('--json', 'print the results as JSON')
    .action(async (flags: DoctorFlags) => {
      const ctx = cliContext(flags);
      const input = doctorInput(ctx.loaded);
      const dns = createDnsLookup(flags.resolver ?? ctx.loaded.config.delivery.doctor.resolver);
      const results = await runDoctor(input, dns);
      const counts = countResults(results);
      if (flags.json) {
        outJson({ from: input.fromAddress, resolver: dns.server, results, counts });
      } else {
        const signing = typeof input.dkim === 'object' ? `DKIM ${input.dkim.selector}._domainkey.${input.dkim.domain}` : input.dkim === 'relay' ? 'DKIM by the relay' : 'no DKIM';
        out(formatDoctor(`Deliverability of ${input.fromAddress} (${signing}; DNS from ${dns.server})`, results));
      }
      if (counts.fail > 0) process.exitCode = 1;
    });
}
