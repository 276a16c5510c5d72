window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1746771002233440001"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "strike",
            "indices": [
              "0",
              "0"
            ]
          },
          {
            "text": "NHS",
            "indices": [
              "0",
              "0"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/Ab12Cd34Ef",
            "expanded_url": "https://dockside.example.org/news/cleaners-win-back-pay-2026",
            "display_url": "dockside.example.org/news/…",
            "indices": [
              "0",
              "0"
            ]
          }
        ],
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1746771002233440001/photo/1",
            "indices": [
              "0",
              "0"
            ],
            "url": "https://t.co/Ph0to12345",
            "media_url": "http://pbs.twimg.com/media/GDx7aBcWkAA1xyz.jpg",
            "id_str": "9946771002233440001",
            "media_url_https": "https://pbs.twimg.com/media/GDx7aBcWkAA1xyz.jpg",
            "type": "photo",
            "display_url": "pic.x.com/o12345",
            "sizes": {
              "large": {
                "w": "1200",
                "h": "800",
                "resize": "fit"
              }
            }
          }
        ]
      },
      "display_text_range": [
        "0",
        "165"
      ],
      "favorite_count": "12",
      "id_str": "1746771002233440001",
      "truncated": false,
      "retweet_count": "4",
      "id": "1746771002233440001",
      "created_at": "Wed Jan 14 09:32:00 +0000 2026",
      "favorited": false,
      "full_text": "Cleaners win back pay &amp; every hour the contractor withheld. Six months, a ballot and a picket line: https://t.co/Ab12Cd34Ef\n\n#strike #NHS https://t.co/Ph0to12345",
      "lang": "en",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1746771002233440001/photo/1",
            "indices": [
              "0",
              "0"
            ],
            "url": "https://t.co/Ph0to12345",
            "media_url": "http://pbs.twimg.com/media/GDx7aBcWkAA1xyz.jpg",
            "id_str": "9946771002233440001",
            "media_url_https": "https://pbs.twimg.com/media/GDx7aBcWkAA1xyz.jpg",
            "type": "photo",
            "display_url": "pic.x.com/o12345",
            "sizes": {
              "large": {
                "w": "1200",
                "h": "800",
                "resize": "fit"
              }
            }
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1753100000000000001"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "157"
      ],
      "favorite_count": "12",
      "id_str": "1753100000000000001",
      "truncated": false,
      "retweet_count": "4",
      "id": "1753100000000000001",
      "created_at": "Mon Feb 02 08:00:00 +0000 2026",
      "favorited": false,
      "full_text": "Statement on the port dispute 🧵\n\nFrom Monday the dockers of the port stop work. Pay has been frozen for three years while the operator's profits doubled. 1/3",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1753100000000000002"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "116"
      ],
      "favorite_count": "12",
      "id_str": "1753100000000000002",
      "truncated": false,
      "retweet_count": "4",
      "id": "1753100000000000002",
      "created_at": "Mon Feb 02 08:01:00 +0000 2026",
      "favorited": false,
      "full_text": "2/3 We ask every member to join the picket at the main gate from 6am, and every branch to send a message of support.",
      "lang": "en",
      "in_reply_to_status_id_str": "1753100000000000001",
      "in_reply_to_status_id": "1753100000000000001",
      "in_reply_to_user_id_str": "1455667788990011223",
      "in_reply_to_user_id": "1455667788990011223",
      "in_reply_to_screen_name": "dockside"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1753100000000000003"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "37"
      ],
      "favorite_count": "12",
      "id_str": "1753100000000000003",
      "truncated": false,
      "retweet_count": "4",
      "id": "1753100000000000003",
      "created_at": "Mon Feb 02 08:02:00 +0000 2026",
      "favorited": false,
      "full_text": "3/3 Solidarity is our strength. &lt;3",
      "lang": "en",
      "in_reply_to_status_id_str": "1753100000000000002",
      "in_reply_to_status_id": "1753100000000000002",
      "in_reply_to_user_id_str": "1455667788990011223",
      "in_reply_to_user_id": "1455667788990011223",
      "in_reply_to_screen_name": "dockside"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1759900000000000004"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/Hu3lga0001",
            "expanded_url": "https://sat.example.org/huelga-almeria",
            "display_url": "sat.example.org/huelga-alm…",
            "indices": [
              "0",
              "0"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "123"
      ],
      "favorite_count": "12",
      "id_str": "1759900000000000004",
      "truncated": false,
      "retweet_count": "4",
      "id": "1759900000000000004",
      "created_at": "Fri Feb 20 10:15:00 +0000 2026",
      "favorited": false,
      "full_text": "Los jornaleros de Almería convocan huelga en los invernaderos. Toda nuestra solidaridad con el SAT: https://t.co/Hu3lga0001",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1763300000000000005"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "48"
      ],
      "favorite_count": "12",
      "id_str": "1763300000000000005",
      "truncated": false,
      "retweet_count": "4",
      "id": "1763300000000000005",
      "created_at": "Mon Mar 02 11:00:00 +0000 2026",
      "favorited": false,
      "full_text": "@rosa_example Thank you, Rosa, we will be there.",
      "lang": "en",
      "in_reply_to_status_id_str": "1763200000000000000",
      "in_reply_to_status_id": "1763200000000000000",
      "in_reply_to_user_id_str": "2233445566",
      "in_reply_to_user_id": "2233445566",
      "in_reply_to_screen_name": "rosa_example"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1763400000000000006"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "12",
      "id_str": "1763400000000000006",
      "truncated": false,
      "retweet_count": "4",
      "id": "1763400000000000006",
      "created_at": "Mon Mar 02 12:00:00 +0000 2026",
      "favorited": false,
      "full_text": "RT @rosa_example: The picket at gate 3 held all morning.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1763500000000000007"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1763500000000000007/photo/1",
            "indices": [
              "0",
              "0"
            ],
            "url": "https://t.co/Ph0to67890",
            "media_url": "http://pbs.twimg.com/media/GEa1bCdXwAAq2rs.jpg",
            "id_str": "9963500000000000007",
            "media_url_https": "https://pbs.twimg.com/media/GEa1bCdXwAAq2rs.jpg",
            "type": "photo",
            "display_url": "pic.x.com/o67890",
            "sizes": {
              "large": {
                "w": "1200",
                "h": "800",
                "resize": "fit"
              }
            }
          }
        ]
      },
      "display_text_range": [
        "0",
        "23"
      ],
      "favorite_count": "12",
      "id_str": "1763500000000000007",
      "truncated": false,
      "retweet_count": "4",
      "id": "1763500000000000007",
      "created_at": "Tue Mar 03 09:00:00 +0000 2026",
      "favorited": false,
      "full_text": "https://t.co/Ph0to67890",
      "lang": "en",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1763500000000000007/photo/1",
            "indices": [
              "0",
              "0"
            ],
            "url": "https://t.co/Ph0to67890",
            "media_url": "http://pbs.twimg.com/media/GEa1bCdXwAAq2rs.jpg",
            "id_str": "9963500000000000007",
            "media_url_https": "https://pbs.twimg.com/media/GEa1bCdXwAAq2rs.jpg",
            "type": "photo",
            "display_url": "pic.x.com/o67890",
            "sizes": {
              "large": {
                "w": "1200",
                "h": "800",
                "resize": "fit"
              }
            }
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1764200000000000008"
          ],
          "editableUntil": "2026-01-14T10:32:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1764200000000000008/video/1",
            "url": "https://t.co/V1de0abcde",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/thumb.jpg",
            "type": "video",
            "id_str": "1764200000000000009"
          }
        ]
      },
      "display_text_range": [
        "0",
        "67"
      ],
      "favorite_count": "12",
      "id_str": "1764200000000000008",
      "truncated": false,
      "retweet_count": "4",
      "id": "1764200000000000008",
      "created_at": "Thu Mar 05 09:00:00 +0000 2026",
      "favorited": false,
      "full_text": "Rosa's speech at Saturday's rally, in full. https://t.co/V1de0abcde",
      "lang": "en",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/dockside/status/1764200000000000008/video/1",
            "url": "https://t.co/V1de0abcde",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/thumb.jpg",
            "type": "video",
            "id_str": "1764200000000000009"
          }
        ]
      }
    }
  }
]