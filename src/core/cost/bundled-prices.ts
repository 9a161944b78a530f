// Generated once from /work/shared/data/aws-prices.json (the project's gathered price file); edit the data, not the shape.
// Every figure is USD list price, on-demand, excluding tax. null = no sourced figure: the model refuses to guess.
import type { FargatePriceTable, LambdaPriceTable } from './price-types.js'

/** Lambda prices per region: requests per million, duration tiers per GB-second per arch, storage, provisioned concurrency. */
export const BUNDLED_LAMBDA_PRICES: LambdaPriceTable = {
  asOf: "2026-09-06",
  source: 'bundled',
  sources: [
  {
    "what": "Lambda per-region list prices copied by Remotion from the AWS Pricing Calculator metered-unit map (calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json): first-tier duration x86 and Arm, requests, x86 provisioned concurrency, x86 provisioned duration, ephemeral storage; 23 commercial regions",
    "where": "remotion-dev/remotion packages/lambda-client/src/price-per-1s.ts @ 024b341a3f7744d2d082e88c8e7a30f71398b147",
    "date": "2026-08 (this version already contains the China regions added by PR #10383, opened 2026-08-13; exact commit date not recorded)"
  },
  {
    "what": "Same Remotion table, earlier version that still had me-south-1 (all other rows identical to the newer version)",
    "where": "remotion-dev/remotion, earlier version of the Lambda price table (the packages/lambda/src/pricing/price-per-1-s.ts lineage)",
    "date": "before 2026-04-28 (me-south-1 removed from Remotion by PR #7189 on that date)"
  },
  {
    "what": "Artillery Lambda price table (GB-second x 1e11): first-tier duration x86/Arm for me-central-1; cross-checks af-south-1, ap-east-1, eu-south-1, me-south-1",
    "where": "artilleryio/artillery packages/artillery/lib/platform/aws-lambda/prices.ts (formerly prices.js @ 2b0d59f2b00ba3bf2eeb8a1d81fff3918ffd7bc1)",
    "date": "values present since at least 2022-11-17; file last changed 2026-07-13"
  },
  {
    "what": "us-east-1 AWSLambda offer-file rows: x86 and Arm duration tiers with thresholds, Arm provisioned concurrency 0.0000033334 and Arm provisioned duration 0.0000077778, storage 0.0000000309, requests",
    "where": "ocelhq/ocel docs/research/price-book.md @ b3c9bd183e2819af60cff7865e8826228066fb89",
    "date": "2026-09-06 (facts retrieved; AWSLambda offer file Last-Modified 2026-08-31)"
  },
  {
    "what": "Coarse per-ms Lambda base costs per region (128 MB), used only as a cross-check",
    "where": "alexcasalboni/aws-lambda-power-tuning template.yml @ 262ecc2d7cf99401e02a25ce7e81b2ad4880f10f",
    "date": "2026-04-13 (repository HEAD)"
  }
],
  notes: [
  "Lambda duration tiers: only the us-east-1 tiers were found in a source (ocelhq/ocel price-book, which matches the brief). Tiers 2 and 3 for every other region are DERIVED as first-tier x 0.9 and x 0.8, rounded half-up to 10 decimal places (this rule reproduces the us-east-1 list values exactly: 0.000015 / 0.0000133334 and 0.0000120001 / 0.0000106667). Derived regions: af-south-1, ap-east-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-4, ap-southeast-5, ca-central-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, me-central-1, me-south-1, sa-east-1, us-east-2, us-west-1, us-west-2.",
  "Lambda tier thresholds (6e9 / 15e9 GB-s x86, 7.5e9 / 18.75e9 GB-s Arm, per month, aggregated per account per region) are documented only for us-east-1 in the sources found; they are assumed to be the same in every region.",
  "Lambda arm64 provisionedConcurrencyPerGbSecond and provisionedDurationPerGbSecond are null everywhere except us-east-1: the Remotion table carries only x86 provisioned rates. In us-east-1 the Arm rates are exactly 0.8 x the x86 rates (0.0000033334 vs 0.0000041667; 0.0000077778 vs 0.0000097222); that ratio is not verified for other regions, so nothing was derived.",
  "me-central-1 (Lambda): only first-tier duration is sourced (Artillery, which gives it the same values as me-south-1). requestsPerMillion, provisioned rates and ephemeral storage are null; tiers 2 and 3 are derived as above.",
  "me-south-1 (Lambda) comes from an earlier version of the Remotion table. Remotion dropped the region in PR #7189 (2026-04-28) saying the region was down; prices are list prices and say nothing about availability.",
  "ap-southeast-5 (Malaysia) Lambda is cheaper than us-east-1 in the source (0.000015 x86, 0.000012 Arm, 0.18 USD per million requests, storage 0.0000000333); this is what the calculator data says, not a typo.",
  "ap-northeast-3 (Osaka) Lambda: aws-lambda-power-tuning's baseCosts imply about 0.0000216 per GB-s (2.7e-9 USD per ms at 128 MB), while the newer calculator-derived Remotion table gives 0.0000166667. The Remotion value is used; the power-tuning figure looks stale. Its other region values (af-south-1, ap-east-1, eu-south-1, me-south-1) agree with the table to its 2-significant-figure precision.",
  "Lambda requests: the Arm request price equals the x86 request price in every region of the source, so one requestsPerMillion is given. ephemeralStoragePerGbSecond likewise has identical x86 and Arm values; it applies only to configured /tmp storage above the free 512 MB.",
  "Lambda regions with no sourced figures and therefore omitted: ap-south-2, ap-southeast-3, ap-southeast-6, ap-southeast-7, ap-east-2, ca-west-1, eu-south-2, il-central-1, mx-central-1, GovCloud. The China regions (cn-north-1, cn-northwest-1) appear in Remotion's table in CNY and are left out of this USD file.",
  "Lambda free tier (1M requests and 400,000 GB-s per month, per account) is not included; it is an account-level allowance, not a regional price. Lambda@Edge, response-streaming bytes and SnapStart are not included.",
  "Source dates: Remotion commit dates were not recorded; they are bounded by the dated pull requests named in sources. Several Fargate confirmations come from public GitHub documents whose repositories were not recorded.",
  "All prices are USD list, on-demand, excluding tax. Unit conventions: Lambda per GB-second (requests per million), Fargate per vCPU-hour and per GB-hour.",
  "Regions ap-east-2, ap-south-2, ap-southeast-3, ap-southeast-6, ap-southeast-7, ca-west-1, eu-south-2, il-central-1, mx-central-1 are Lambda regions with no sourced figures: every price is null (use --fetch-prices)."
],
  regions: {
  "af-south-1": {
    "requestsPerMillion": 0.27,
    "ephemeralStoragePerGbSecond": 4.04e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000221
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.00001989
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.00001768
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.00000553,
      "provisionedDurationPerGbSecond": 0.0000129
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.00001768
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.000015912
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.000014144
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-east-1": {
    "requestsPerMillion": 0.28,
    "ephemeralStoragePerGbSecond": 4.07e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.00002292
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000020628
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.000018336
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000057153,
      "provisionedDurationPerGbSecond": 0.0000133358
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000183
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.00001647
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.00001464
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-east-2": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-northeast-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000053835,
      "provisionedDurationPerGbSecond": 0.0000125615
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-northeast-2": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.52e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000051254,
      "provisionedDurationPerGbSecond": 0.0000119592
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-northeast-3": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000053835,
      "provisionedDurationPerGbSecond": 0.0000125615
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-south-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.52e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000044985,
      "provisionedDurationPerGbSecond": 0.0000104966
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-south-2": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000051991,
      "provisionedDurationPerGbSecond": 0.0000121313
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-2": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.000005236,
      "provisionedDurationPerGbSecond": 0.0000122173
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-3": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-4": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.000005236,
      "provisionedDurationPerGbSecond": 0.0000122173
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-5": {
    "requestsPerMillion": 0.18,
    "ephemeralStoragePerGbSecond": 3.33e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.0000135
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.000012
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000046791,
      "provisionedDurationPerGbSecond": 0.0000109181
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.000012
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000108
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000096
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-6": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ap-southeast-7": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ca-central-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.4e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.000004646,
      "provisionedDurationPerGbSecond": 0.0000108407
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "ca-west-1": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-central-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.67e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000050147,
      "provisionedDurationPerGbSecond": 0.0000117011
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-central-2": {
    "requestsPerMillion": 0.22,
    "ephemeralStoragePerGbSecond": 4.41e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000183334
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.0000165001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000146667
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000055162,
      "provisionedDurationPerGbSecond": 0.0000128712
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000146667
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000132
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000117334
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-north-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.23e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000044248,
      "provisionedDurationPerGbSecond": 0.0000103245
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-south-1": {
    "requestsPerMillion": 0.23,
    "ephemeralStoragePerGbSecond": 3.57e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000195172
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.0000175655
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000156138
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000048783,
      "provisionedDurationPerGbSecond": 0.0000113827
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000156138
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000140524
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.000012491
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-south-2": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-west-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.4e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.000004646,
      "provisionedDurationPerGbSecond": 0.0000108407
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-west-2": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.58e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000048304,
      "provisionedDurationPerGbSecond": 0.0000112709
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "eu-west-3": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.58e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000048673,
      "provisionedDurationPerGbSecond": 0.0000113569
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "il-central-1": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "me-central-1": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000206667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.0000186
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000165334
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000165334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000148801
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000132267
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "me-south-1": {
    "requestsPerMillion": 0.25,
    "ephemeralStoragePerGbSecond": 3.74e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000206667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.0000186
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000165334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000051108,
      "provisionedDurationPerGbSecond": 0.0000119251
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000165334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000148801
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000132267
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "mx-central-1": {
    "requestsPerMillion": null,
    "ephemeralStoragePerGbSecond": null,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    },
    "arm64": {
      "durationTiers": null,
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "sa-east-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 5.86e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000066372,
      "provisionedDurationPerGbSecond": 0.0000154867
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "us-east-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.09e-8,
    "tiersDerived": false,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000041667,
      "provisionedDurationPerGbSecond": 0.0000097222
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000033334,
      "provisionedDurationPerGbSecond": 0.0000077778
    }
  },
  "us-east-2": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.09e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000041667,
      "provisionedDurationPerGbSecond": 0.0000097222
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "us-west-1": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.7e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000049041,
      "provisionedDurationPerGbSecond": 0.000011443
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  },
  "us-west-2": {
    "requestsPerMillion": 0.2,
    "ephemeralStoragePerGbSecond": 3.09e-8,
    "tiersDerived": true,
    "x86_64": {
      "durationTiers": [
        {
          "upToGbSeconds": 6000000000,
          "pricePerGbSecond": 0.0000166667
        },
        {
          "upToGbSeconds": 15000000000,
          "pricePerGbSecond": 0.000015
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000133334
        }
      ],
      "provisionedConcurrencyPerGbSecond": 0.0000041667,
      "provisionedDurationPerGbSecond": 0.0000097222
    },
    "arm64": {
      "durationTiers": [
        {
          "upToGbSeconds": 7500000000,
          "pricePerGbSecond": 0.0000133334
        },
        {
          "upToGbSeconds": 18750000000,
          "pricePerGbSecond": 0.0000120001
        },
        {
          "upToGbSeconds": null,
          "pricePerGbSecond": 0.0000106667
        }
      ],
      "provisionedConcurrencyPerGbSecond": null,
      "provisionedDurationPerGbSecond": null
    }
  }
},
}

/** Fargate Linux prices per region, per vCPU-hour and GB-hour, x86_64 and arm64 (null where no figure was found). */
export const BUNDLED_FARGATE_PRICES: FargatePriceTable = {
  asOf: "2026-09-06",
  sources: [
  {
    "what": "Fargate Linux/x86 on-demand vCPU-hour and GB-hour prices and a Fargate Spot snapshot for 20 commercial regions plus 2 GovCloud regions, taken from the AWS Fargate pricing page",
    "where": "theuves/fgcalc src/utils/data.js @ e29aefbd26f52d1fec2c826b2b0ae298d94ebe46",
    "date": "2021-01-14"
  },
  {
    "what": "Fargate us-east-1 and eu-west-1 x86 and Arm prices with price-list SKUs (EU-Fargate-vCPU-Hours K4EXFQ5YFQCP98EN, EU-Fargate-ARM-vCPU-Hours KXC9CEUQGJQPNZPY, etc.) from the AWS Pricing API",
    "where": "GitHub audit document 'AUDIT-10: Containers (ECS/ECR/EKS) Service Adapter' (a public GitHub document; its repository was not recorded)",
    "date": "2026-05-01"
  },
  {
    "what": "Fargate us-east-1 x86 and Arm reference rates (Linux/x86 0.04048 / 0.004445, Linux/ARM 0.03238 / 0.00356)",
    "where": "https://www.vantage.sh/blog/fargate-pricing",
    "date": "undated page (originally published 2021-04-22, later updated)"
  },
  {
    "what": "Fargate eu-west-2 x86 and Arm prices (EUW2-Fargate-* usage types)",
    "where": "GitHub cost-profile document and Go test fixture (public GitHub documents; their repositories were not recorded)",
    "date": "2026 (exact date not shown)"
  },
  {
    "what": "Fargate ap-southeast-1 x86 and Arm prices queried from the AWS Pricing API",
    "where": "GitHub design document 'Verified AWS pricing - ap-southeast-1' (a public GitHub document; its repository was not recorded)",
    "date": "2026-08-21"
  },
  {
    "what": "Fargate ap-northeast-1 x86 and Arm prices queried from the AWS Pricing API",
    "where": "GitHub ADR 0070 'Run the VOICEVOX (Zundamon) engine on demand' (a public GitHub document; its repository was not recorded)",
    "date": "2026-09-06"
  },
  {
    "what": "Fargate ap-southeast-2 x86 and Arm prices (USD figures quoted from the Fargate pricing page)",
    "where": "umccr/holmes docs/COSTS.md @ 1e3cfecdfa34ad0dd2866d740e4b40392093eb46",
    "date": "2023-02-20"
  },
  {
    "what": "Fargate sa-east-1 x86 and Arm on-demand prices and a Spot snapshot",
    "where": "apoloferreira/basecode doc/custo02.md @ cb793a6b7fbe729c40b8a0a314f96da5a2d365a0 (file deleted in a later commit)",
    "date": "2026-02-03"
  },
  {
    "what": "Fargate af-south-1 x86 price cross-check (AFS1-Fargate-vCPU-Hours:perCPU 0.0546, AFS1-Fargate-GB-Hours 0.006) citing the AmazonECS af-south-1 offer file",
    "where": "GitHub cost document (a public GitHub document; its repository was not recorded)",
    "date": "2026-08-31 (offer publication date quoted)"
  }
],
  notes: [
  "Fargate Linux/x86 prices come from a January 2021 snapshot (theuves/fgcalc). Newer sources (2023 to 2026) were found for us-east-1, eu-west-1, eu-west-2, ap-southeast-1, ap-northeast-1, ap-southeast-2, af-south-1 and sa-east-1, and every one matches the 2021 figure exactly. The remaining regions (us-east-2, us-west-1, us-west-2, ca-central-1, ap-south-1, ap-northeast-2, ap-east-1, eu-central-1, eu-west-3, eu-south-1, eu-north-1, me-south-1, us-gov-east-1, us-gov-west-1) have not been confirmed after January 2021.",
  "Fargate conflict: one GitHub file (mo7amedgom3a/arch-visualizer, a hand-written rate map) gives eu-west-1 as 0.04656 / 0.005111. It was rejected: two independent sources quoting AWS price-list SKUs (K4EXFQ5YFQCP98EN, UP5ETC3QSW2QZGEY) and the 2021 page snapshot all give 0.04048 / 0.004445.",
  "Fargate linux_arm64 is null where no Arm price was found (every region except us-east-1, eu-west-1, eu-west-2, ap-southeast-1, ap-northeast-1, ap-southeast-2, sa-east-1). Found Arm prices are about 0.8 x the x86 prices, but not always exactly (sa-east-1 memory is 0.00612, not 0.8 x 0.0076 = 0.00608), so no Arm price was derived.",
  "Fargate ap-northeast-3 (Osaka): no price found in any source; both architectures are null. Other Fargate regions absent from the file (ap-south-2, ap-southeast-3/4/5/7, ca-west-1, eu-central-2, eu-south-2, il-central-1, me-central-1, mx-central-1) likewise had no sourced figures.",
  "Fargate us-gov-east-1 and us-gov-west-1 are GovCloud (separate partition), included only because the source lists them.",
  "Fargate figures exclude Windows (OS licence fee), ephemeral storage above the free 20 GB (us-east-1 0.000111, eu-west-2 0.000129, eu-west-1 0.000122 per GB-hour in the sources seen), public IPv4, load balancers and data transfer.",
  "Fargate Spot: AWS prices Spot dynamically and advertises up to 70% off on-demand. The per-region spotDiscountNote quotes the January 2021 snapshot; treat the percentage as indicative only."
],
  regions: {
  "af-south-1": {
    "x86_64": {
      "perVcpuHour": 0.0546,
      "perGbHour": 0.006
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01638/h = 70.0% below on-demand."
  },
  "ap-east-1": {
    "x86_64": {
      "perVcpuHour": 0.0556,
      "perGbHour": 0.0061
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01668/h = 70.0% below on-demand."
  },
  "ap-northeast-1": {
    "x86_64": {
      "perVcpuHour": 0.05056,
      "perGbHour": 0.00553
    },
    "arm64": {
      "perVcpuHour": 0.04045,
      "perGbHour": 0.00442
    },
    "spotDiscountSnapshot": 0.608,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01981009/h = 60.8% below on-demand."
  },
  "ap-northeast-2": {
    "x86_64": {
      "perVcpuHour": 0.04656,
      "perGbHour": 0.00511
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.6940000000000001,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01422902/h = 69.4% below on-demand."
  },
  "ap-northeast-3": {
    "x86_64": null,
    "arm64": null,
    "spotDiscountSnapshot": null,
    "spotNote": "No Fargate data found for this region. Fargate Spot is advertised as up to 70% off on-demand."
  },
  "ap-south-1": {
    "x86_64": {
      "perVcpuHour": 0.04256,
      "perGbHour": 0.004655
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.687,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.0133282/h = 68.7% below on-demand."
  },
  "ap-southeast-1": {
    "x86_64": {
      "perVcpuHour": 0.05056,
      "perGbHour": 0.00553
    },
    "arm64": {
      "perVcpuHour": 0.04045,
      "perGbHour": 0.00442
    },
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.015168/h = 70.0% below on-demand."
  },
  "ap-southeast-2": {
    "x86_64": {
      "perVcpuHour": 0.04856,
      "perGbHour": 0.00532
    },
    "arm64": {
      "perVcpuHour": 0.03885,
      "perGbHour": 0.00426
    },
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.014568/h = 70.0% below on-demand."
  },
  "ca-central-1": {
    "x86_64": {
      "perVcpuHour": 0.04456,
      "perGbHour": 0.004865
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.013368/h = 70.0% below on-demand."
  },
  "eu-central-1": {
    "x86_64": {
      "perVcpuHour": 0.04656,
      "perGbHour": 0.00511
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.698,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.0140458/h = 69.8% below on-demand."
  },
  "eu-north-1": {
    "x86_64": {
      "perVcpuHour": 0.0445,
      "perGbHour": 0.0049
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01335/h = 70.0% below on-demand."
  },
  "eu-south-1": {
    "x86_64": {
      "perVcpuHour": 0.0486,
      "perGbHour": 0.0053
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01458/h = 70.0% below on-demand."
  },
  "eu-west-1": {
    "x86_64": {
      "perVcpuHour": 0.04048,
      "perGbHour": 0.004445
    },
    "arm64": {
      "perVcpuHour": 0.03238,
      "perGbHour": 0.00356
    },
    "spotDiscountSnapshot": 0.6890000000000001,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01257825/h = 68.9% below on-demand."
  },
  "eu-west-2": {
    "x86_64": {
      "perVcpuHour": 0.04656,
      "perGbHour": 0.00511
    },
    "arm64": {
      "perVcpuHour": 0.03725,
      "perGbHour": 0.00409
    },
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.013968/h = 70.0% below on-demand."
  },
  "eu-west-3": {
    "x86_64": {
      "perVcpuHour": 0.0486,
      "perGbHour": 0.0053
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01458/h = 70.0% below on-demand."
  },
  "me-south-1": {
    "x86_64": {
      "perVcpuHour": 0.0526,
      "perGbHour": 0.0058
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01578/h = 70.0% below on-demand."
  },
  "sa-east-1": {
    "x86_64": {
      "perVcpuHour": 0.0696,
      "perGbHour": 0.0076
    },
    "arm64": {
      "perVcpuHour": 0.0557,
      "perGbHour": 0.00612
    },
    "spotDiscountSnapshot": 0.695,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.0212609/h = 69.5% below on-demand. A Feb 2026 snapshot (apoloferreira/basecode doc/custo02.md) shows spot x86 $0.02337032 vCPU-h / $0.00255193 GB-h and ARM $0.01870297 / $0.00205498 (about 66.4% off)."
  },
  "us-east-1": {
    "x86_64": {
      "perVcpuHour": 0.04048,
      "perGbHour": 0.004445
    },
    "arm64": {
      "perVcpuHour": 0.03238,
      "perGbHour": 0.00356
    },
    "spotDiscountSnapshot": 0.688,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01264355/h = 68.8% below on-demand."
  },
  "us-east-2": {
    "x86_64": {
      "perVcpuHour": 0.04048,
      "perGbHour": 0.004445
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.685,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01276353/h = 68.5% below on-demand."
  },
  "us-gov-east-1": {
    "x86_64": {
      "perVcpuHour": 0.0486,
      "perGbHour": 0.0053
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01458/h = 70.0% below on-demand."
  },
  "us-gov-west-1": {
    "x86_64": {
      "perVcpuHour": 0.0486,
      "perGbHour": 0.0053
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01458/h = 70.0% below on-demand."
  },
  "us-west-1": {
    "x86_64": {
      "perVcpuHour": 0.04656,
      "perGbHour": 0.00511
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.7,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.013968/h = 70.0% below on-demand."
  },
  "us-west-2": {
    "x86_64": {
      "perVcpuHour": 0.04048,
      "perGbHour": 0.004445
    },
    "arm64": null,
    "spotDiscountSnapshot": 0.6859999999999999,
    "spotNote": "Fargate Spot (ECS only) is priced dynamically, advertised as up to 70% off on-demand. Snapshot of Jan 2021 (theuves/fgcalc): spot vCPU $0.01269464/h = 68.6% below on-demand."
  }
},
}
