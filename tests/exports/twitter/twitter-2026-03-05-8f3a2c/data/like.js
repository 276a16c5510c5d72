window.YTD.like.part0 = [
  {
    "like": {
      "tweetId": "1763200000000000000",
      "fullText": "The picket at gate 3 held all morning."
    }
  }
]